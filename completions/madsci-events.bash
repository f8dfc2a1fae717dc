_madsci__events() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="madsci__events"
                ;;
            madsci__events,alert)
                cmd="madsci__events__subcmd__alert"
                ;;
            madsci__events,archive)
                cmd="madsci__events__subcmd__archive"
                ;;
            madsci__events,backup)
                cmd="madsci__events__subcmd__backup"
                ;;
            madsci__events,backups)
                cmd="madsci__events__subcmd__backups"
                ;;
            madsci__events,check-version)
                cmd="madsci__events__subcmd__check__subcmd__version"
                ;;
            madsci__events,config)
                cmd="madsci__events__subcmd__config"
                ;;
            madsci__events,export)
                cmd="madsci__events__subcmd__export"
                ;;
            madsci__events,flush)
                cmd="madsci__events__subcmd__flush"
                ;;
            madsci__events,generate)
                cmd="madsci__events__subcmd__generate"
                ;;
            madsci__events,get)
                cmd="madsci__events__subcmd__get"
                ;;
            madsci__events,health)
                cmd="madsci__events__subcmd__health"
                ;;
            madsci__events,help)
                cmd="madsci__events__subcmd__help"
                ;;
            madsci__events,import)
                cmd="madsci__events__subcmd__import"
                ;;
            madsci__events,log)
                cmd="madsci__events__subcmd__log"
                ;;
            madsci__events,migrate)
                cmd="madsci__events__subcmd__migrate"
                ;;
            madsci__events,purge)
                cmd="madsci__events__subcmd__purge"
                ;;
            madsci__events,query)
                cmd="madsci__events__subcmd__query"
                ;;
            madsci__events,restore)
                cmd="madsci__events__subcmd__restore"
                ;;
            madsci__events,serve)
                cmd="madsci__events__subcmd__serve"
                ;;
            madsci__events,tail)
                cmd="madsci__events__subcmd__tail"
                ;;
            madsci__events__subcmd__backups,help)
                cmd="madsci__events__subcmd__backups__subcmd__help"
                ;;
            madsci__events__subcmd__backups,list)
                cmd="madsci__events__subcmd__backups__subcmd__list"
                ;;
            madsci__events__subcmd__backups,validate)
                cmd="madsci__events__subcmd__backups__subcmd__validate"
                ;;
            madsci__events__subcmd__backups__subcmd__help,help)
                cmd="madsci__events__subcmd__backups__subcmd__help__subcmd__help"
                ;;
            madsci__events__subcmd__backups__subcmd__help,list)
                cmd="madsci__events__subcmd__backups__subcmd__help__subcmd__list"
                ;;
            madsci__events__subcmd__backups__subcmd__help,validate)
                cmd="madsci__events__subcmd__backups__subcmd__help__subcmd__validate"
                ;;
            madsci__events__subcmd__config,help)
                cmd="madsci__events__subcmd__config__subcmd__help"
                ;;
            madsci__events__subcmd__config,init)
                cmd="madsci__events__subcmd__config__subcmd__init"
                ;;
            madsci__events__subcmd__config__subcmd__help,help)
                cmd="madsci__events__subcmd__config__subcmd__help__subcmd__help"
                ;;
            madsci__events__subcmd__config__subcmd__help,init)
                cmd="madsci__events__subcmd__config__subcmd__help__subcmd__init"
                ;;
            madsci__events__subcmd__help,alert)
                cmd="madsci__events__subcmd__help__subcmd__alert"
                ;;
            madsci__events__subcmd__help,archive)
                cmd="madsci__events__subcmd__help__subcmd__archive"
                ;;
            madsci__events__subcmd__help,backup)
                cmd="madsci__events__subcmd__help__subcmd__backup"
                ;;
            madsci__events__subcmd__help,backups)
                cmd="madsci__events__subcmd__help__subcmd__backups"
                ;;
            madsci__events__subcmd__help,check-version)
                cmd="madsci__events__subcmd__help__subcmd__check__subcmd__version"
                ;;
            madsci__events__subcmd__help,config)
                cmd="madsci__events__subcmd__help__subcmd__config"
                ;;
            madsci__events__subcmd__help,export)
                cmd="madsci__events__subcmd__help__subcmd__export"
                ;;
            madsci__events__subcmd__help,flush)
                cmd="madsci__events__subcmd__help__subcmd__flush"
                ;;
            madsci__events__subcmd__help,generate)
                cmd="madsci__events__subcmd__help__subcmd__generate"
                ;;
            madsci__events__subcmd__help,get)
                cmd="madsci__events__subcmd__help__subcmd__get"
                ;;
            madsci__events__subcmd__help,health)
                cmd="madsci__events__subcmd__help__subcmd__health"
                ;;
            madsci__events__subcmd__help,help)
                cmd="madsci__events__subcmd__help__subcmd__help"
                ;;
            madsci__events__subcmd__help,import)
                cmd="madsci__events__subcmd__help__subcmd__import"
                ;;
            madsci__events__subcmd__help,log)
                cmd="madsci__events__subcmd__help__subcmd__log"
                ;;
            madsci__events__subcmd__help,migrate)
                cmd="madsci__events__subcmd__help__subcmd__migrate"
                ;;
            madsci__events__subcmd__help,purge)
                cmd="madsci__events__subcmd__help__subcmd__purge"
                ;;
            madsci__events__subcmd__help,query)
                cmd="madsci__events__subcmd__help__subcmd__query"
                ;;
            madsci__events__subcmd__help,restore)
                cmd="madsci__events__subcmd__help__subcmd__restore"
                ;;
            madsci__events__subcmd__help,serve)
                cmd="madsci__events__subcmd__help__subcmd__serve"
                ;;
            madsci__events__subcmd__help,tail)
                cmd="madsci__events__subcmd__help__subcmd__tail"
                ;;
            madsci__events__subcmd__help__subcmd__backups,list)
                cmd="madsci__events__subcmd__help__subcmd__backups__subcmd__list"
                ;;
            madsci__events__subcmd__help__subcmd__backups,validate)
                cmd="madsci__events__subcmd__help__subcmd__backups__subcmd__validate"
                ;;
            madsci__events__subcmd__help__subcmd__config,init)
                cmd="madsci__events__subcmd__help__subcmd__config__subcmd__init"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        madsci__events)
            opts="-h -V --log-level --help --version serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__alert)
            opts="-l -t -q -h --test --level --type --user-id --experiment-id --campaign-id --project-id --node-id --workcell-id --lab-id --step-id --workflow-id --manager-id --data --quiet --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                --user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --experiment-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --campaign-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workcell-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lab-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --step-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workflow-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --manager-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__archive)
            opts="-y -f -q -h --ids --before --yes --format --quiet --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ids)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --before)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__backup)
            opts="-f -q -h --db-url --database --backup-dir --native --suffix --gzip --collection --max-count --validate --format --quiet --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --database)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backup-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --suffix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --collection)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__backups)
            opts="-h --log-level --help list validate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__backups__subcmd__help)
            opts="list validate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__backups__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__backups__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__backups__subcmd__help__subcmd__validate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__backups__subcmd__list)
            opts="-f -h --db-url --database --backup-dir --format --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --database)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backup-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__backups__subcmd__validate)
            opts="-f -q -h --format --quiet --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__check__subcmd__version)
            opts="-f -h --db-url --database --backup-dir --schema-file --format --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --database)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backup-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --schema-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__config)
            opts="-h --log-level --help init help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__config__subcmd__help)
            opts="init help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__config__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__config__subcmd__init)
            opts="-y -h --path --server-url --db-url --spool-dir --yes --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --path)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --db-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spool-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__export)
            opts="-t -l -o -q -h --user-id --experiment-id --campaign-id --project-id --node-id --workcell-id --lab-id --step-id --workflow-id --manager-id --type --level --since --until --where --exclude-archived --archived --output --quiet --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --experiment-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --campaign-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workcell-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lab-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --step-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workflow-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --manager-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                --level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --where)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__flush)
            opts="-q -h --format --quiet --server --timeout --retries --retry-backoff --spool-dir --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spool-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__generate)
            opts="-h --out --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__get)
            opts="-f -h --format --color --utc --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table json ndjson csv" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json ndjson csv" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__health)
            opts="-f -q -h --format --quiet --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help)
            opts="serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__alert)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__archive)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__backup)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__backups)
            opts="list validate"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__backups__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__backups__subcmd__validate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__check__subcmd__version)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__config)
            opts="init"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__config__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__flush)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__generate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__health)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__migrate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__purge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__query)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__restore)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__serve)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__help__subcmd__tail)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__import)
            opts="-f -q -h --batch-size --format --quiet --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --batch-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__log)
            opts="-l -t -q -h --stdin --lines --level --type --user-id --experiment-id --campaign-id --project-id --node-id --workcell-id --lab-id --step-id --workflow-id --manager-id --data --alert --id --timestamp --no-spool --quiet --server --timeout --retries --retry-backoff --spool-dir --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                --user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --experiment-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --campaign-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workcell-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lab-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --step-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workflow-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --manager-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timestamp)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spool-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__migrate)
            opts="-y -f -h --db-url --database --backup-dir --native --check-version --validate-schema --backup-only --restore-from --schema-file --target-version --yes --format --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --database)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backup-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --check-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --validate-schema)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backup-only)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restore-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --schema-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --target-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__purge)
            opts="-y -f -q -h --older-than-days --yes --format --quiet --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --older-than-days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__query)
            opts="-t -l -n -f -h --user-id --experiment-id --campaign-id --project-id --node-id --workcell-id --lab-id --step-id --workflow-id --manager-id --type --level --since --until --where --limit --offset --include-archived --archived --format --color --utc --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --experiment-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --campaign-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workcell-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lab-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --step-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workflow-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --manager-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                --level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --where)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --offset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json ndjson csv" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json ndjson csv" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__restore)
            opts="-y -f -q -h --db-url --database --backup-dir --native --target-database --collection --yes --format --quiet --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --database)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backup-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --target-database)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --collection)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__serve)
            opts="-h --listen --db-url --database --collection --naive-timezone --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --listen)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --db-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --database)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --collection)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --naive-timezone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        madsci__subcmd__events__subcmd__tail)
            opts="-t -l -n -f -o -q -h --user-id --experiment-id --campaign-id --project-id --node-id --workcell-id --lab-id --step-id --workflow-id --manager-id --type --level --since --until --where --lines --follow --include-archived --archived --format --quiet --color --utc --server --timeout --retries --retry-backoff --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --experiment-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --campaign-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workcell-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lab-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --step-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workflow-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --manager-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -W "unknown log log_debug log_info log_warning log_error log_critical test lab_create lab_start lab_stop node_create node_start node_stop node_config_update node_status_update node_error workcell_create workcell_start workcell_stop workcell_config_update workcell_status_update workflow_create workflow_start workflow_complete workflow_abort experiment_create experiment_start experiment_complete experiment_failed experiment_cancelled experiment_pause experiment_continued campaign_create campaign_start campaign_complete campaign_abort action_status_change resource_create resource_update resource_delete resource_allocate resource_release location_create location_update location_delete attachment_create attachment_delete data_store data_query data_export manager_start manager_stop manager_error manager_health_check workflow_step_start workflow_step_complete workflow_step_failed action_start action_complete action_failed backup_create backup_restore" -- "${cur}"))
                    return 0
                    ;;
                --level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --where)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lines)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text ndjson csv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "text ndjson csv" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-backoff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _madsci__events -o nosort -o bashdefault -o default madsci-events
else
    complete -F _madsci__events -o bashdefault -o default madsci-events
fi
